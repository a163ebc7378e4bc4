// Loopback only: preloaded into every n8n process of `npm run test:n8n` with
//   NODE_OPTIONS="--require <this file>"  (inherited by n8n's task-runner child processes).
// Refuses every TCP connection and DNS lookup that is not for loopback before a packet is sent,
// and appends a line for each to the file named by NETGUARD_LOG, which the tests require to be
// empty: this proves that n8n, as the tests configure it, talks to nobody but 127.0.0.1.
'use strict';
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');

function refuse(what) {
	const line = `[netguard pid=${process.pid}] refused ${what}\n`;
	process.stderr.write(line);
	if (process.env.NETGUARD_LOG) fs.appendFileSync(process.env.NETGUARD_LOG, line);
}

function isLoopback(host) {
	if (host === undefined || host === null || host === '') return true; // Node's default: localhost
	const name = String(host).replace(/^\[|\]$/g, '').toLowerCase();
	if (name === 'localhost' || name.endsWith('.localhost')) return true;
	if (net.isIPv4(name)) return name.startsWith('127.');
	if (net.isIPv6(name)) return name === '::1' || name.startsWith('::ffff:127.');
	return false;
}

const notFound = (hostname) =>
	Object.assign(new Error(`netguard: getaddrinfo ENOTFOUND ${hostname} (not loopback)`), {
		code: 'ENOTFOUND',
		hostname,
		syscall: 'getaddrinfo',
	});

const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
	if (typeof options === 'function') [callback, options] = [options, {}];
	if (isLoopback(hostname)) return lookup.call(this, hostname, options, callback);
	refuse(`dns.lookup ${hostname}`);
	process.nextTick(callback, notFound(hostname));
	return {};
};

const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async function (hostname, options) {
	if (isLoopback(hostname)) return lookupPromise.call(this, hostname, options);
	refuse(`dns.promises.lookup ${hostname}`);
	throw notFound(hostname);
};

/** The host and port of socket.connect's many call forms; `path` for a local (Unix) socket. */
function target(args) {
	const first = Array.isArray(args[0]) ? args[0][0] : args[0]; // Node's internal normalised form
	if (first && typeof first === 'object') return first;
	if (typeof first === 'number' || /^\d+$/.test(String(first))) {
		return { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
	}
	return { path: first };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
	const { host, port, path } = target(args);
	if (path || isLoopback(host)) return connect.apply(this, args);
	refuse(`connect ${host}:${port}`);
	const error = Object.assign(new Error(`netguard: connect ECONNREFUSED ${host}:${port} (not loopback)`), {
		code: 'ECONNREFUSED',
		address: host,
		port,
	});
	process.nextTick(() => this.destroy(error));
	return this;
};
