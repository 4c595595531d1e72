import { networkInterfaces } from 'node:os';

/**
 * The address students type or scan: the first private IPv4 address of this machine (the
 * classroom's Wi-Fi), else any non-internal IPv4 one, else localhost.
 */
export function lanAddress(): string {
  const all = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
  const isPrivate = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
  return all.find(isPrivate) ?? all[0] ?? 'localhost';
}
