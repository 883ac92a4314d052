// Preloaded into the CLI under test (`node --require`): every way Node has
// to reach the network records the attempt in the file named by
// SSA_NETWORK_LOG and then throws, so a test can tell that nothing was tried.
'use strict';

const fs = require('node:fs');

const logFile = process.env.SSA_NETWORK_LOG;
if (!logFile) throw new Error('no-network.cjs: SSA_NETWORK_LOG is not set');

function blocked(name) {
  return function () {
    let detail;
    try {
      detail = JSON.stringify([...arguments].filter((a) => typeof a !== 'function')).slice(0, 200);
    } catch {
      detail = '(arguments not serialisable)';
    }
    fs.appendFileSync(logFile, `${name} ${detail}\n`);
    throw new Error(`network access blocked in tests: ${name}`);
  };
}

function block(object, names, prefix) {
  for (const name of names) {
    if (typeof object[name] === 'function') object[name] = blocked(`${prefix}.${name}`);
  }
}

const net = require('node:net');
net.Socket.prototype.connect = blocked('net.Socket.prototype.connect');
block(net, ['connect', 'createConnection'], 'net');
block(require('node:tls'), ['connect'], 'tls');
block(require('node:http'), ['request', 'get'], 'http');
block(require('node:https'), ['request', 'get'], 'https');
block(require('node:http2'), ['connect'], 'http2');
block(require('node:dgram'), ['createSocket'], 'dgram');
const dns = require('node:dns');
block(
  dns,
  ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse'],
  'dns',
);
block(dns.promises, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse'], 'dns.promises');
block(dns.Resolver.prototype, ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse'], 'dns.Resolver');
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
if (typeof globalThis.EventSource === 'function') globalThis.EventSource = blocked('EventSource');
// ES module imports of the built-ins see the patched functions too.
require('node:module').syncBuiltinESMExports();
