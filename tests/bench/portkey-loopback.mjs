// Preloaded into the Portkey gateway (node --import): its start-server.js calls
// @hono/node-server's serve({ port }) with no host, which binds every interface.
// The benchmark keeps all traffic on loopback, so every listen() without an explicit
// host is bound to 127.0.0.1 instead. Nothing else of the gateway is touched.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function loopbackListen(...args) {
  const [first] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const callback = args.find((a) => typeof a === 'function');
    return listen.call(this, { port: Number(first), host: '127.0.0.1' }, callback);
  }
  if (first && typeof first === 'object' && first.path === undefined && first.host === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
