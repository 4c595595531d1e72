import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { Server } from 'socket.io';
import { MAX_MESSAGE_BYTES } from '../classroom/protocol';
import { lanAddress } from './lan';
import { attachRelay, type RelayServer } from './relay';
import { ISOLATION, staticFiles } from './staticFiles';

/**
 * `npm run classroom`: serves the built app (dist/) and the classroom relay on the local network,
 * then prints the address students open, as text and as a QR code. The teacher opens
 * <address>/?classroom=teach; the page shows the same QR code and the session's join code.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '0.0.0.0' },
    dist: { type: 'string', default: 'dist' },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const address = `http://${values.host === '0.0.0.0' ? lanAddress() : values.host}:${port}`;
const files = staticFiles(values.dist!);

const http = createServer((req, res) => {
  if (req.url === '/classroom/info') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...ISOLATION });
    return void res.end(JSON.stringify({ address }));
  }
  void files(req, res);
});
const io: RelayServer = new Server(http, { maxHttpBufferSize: MAX_MESSAGE_BYTES, serveClient: false });
attachRelay(io);

http.listen(port, values.host, async () => {
  console.log(`Backdoor Lab classroom on ${address}`);
  console.log(`  teacher: ${address}/?classroom=teach   students: ${address}/ (scan the code, then type the join code)`);
  console.log(`  students need the same network; allow TCP port ${port} through this machine's firewall.`);
  if (!values.quiet) console.log(await QRCode.toString(`${address}/?join`, { type: 'terminal', small: true }));
});
