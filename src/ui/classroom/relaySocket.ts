import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../../classroom/protocol';

export type RelaySocket = Socket<ServerToClient, ClientToServer>;

/** The page's connection to the classroom relay (same origin: `npm run classroom` serves both). WebSocket only: no long-polling fallback to reason about. */
export const connectRelay = (): RelaySocket => io({ transports: ['websocket'] });

