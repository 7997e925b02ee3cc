// Hearth's Node.js runtime: the AWS Lambda Runtime API loop for handlers `module.function`.
//
// Runs inside the sandbox with /usr/bin/node. Requires the handler from the portion's folder
// (module.exports.<function>, sync or async), then asks for events over a keep-alive agent (on
// the agent's Unix socket where the sandbox names it in HEARTH_RUNTIME_API_SOCKET, else on
// AWS_LAMBDA_RUNTIME_API), calls handler(event, context) and posts the JSON result, or an error
// document when it throws. In a trusted portion, the invocation's credential is in
// HEARTH_CREDENTIAL while the handler runs. The entry portion calls another portion with await
// context.invokePortion(name, event).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
// The relay to the socket on AWS_LAMBDA_RUNTIME_API is two hops more each way.
const target = process.env.HEARTH_RUNTIME_API_SOCKET
  ? { socketPath: process.env.HEARTH_RUNTIME_API_SOCKET } : { host, port };
const PREFIX = '/2018-06-01/runtime';
const PORTIONS = '/2018-06-01/hearth/portions';
const runtimeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const portionAgent = new http.Agent({ keepAlive: true });

function call(method, route, body, headers = {}, { prefix = PREFIX, agent = runtimeAgent } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const request = http.request({
      ...target, method, agent, path: prefix + route,
      headers: data ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': data.length } : headers,
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ response, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    // Every TCP hop needs TCP_NODELAY, or small requests wait for delayed ACKs (no-op on a Unix socket).
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.on('error', reject);
    request.end(data);
  });
}

function errorDocument(error) {
  const e = error instanceof Error ? error : new Error(String(error));
  return JSON.stringify({
    errorMessage: e.message,
    errorType: e.name,
    stackTrace: (e.stack || '').split('\n'),
  });
}

async function invokePortion(name, event) {
  const { response, body } = await call('POST', `/${name}/invoke`, JSON.stringify(event), {},
    { prefix: PORTIONS, agent: portionAgent });
  const document = body ? JSON.parse(body) : null;
  if (response.statusCode !== 200) {
    const error = new Error((document && document.errorMessage) || `portion ${name} failed`);
    error.name = 'PortionError';
    error.status = response.statusCode;
    error.document = document;
    throw error;
  }
  return document;
}

// The trusted portion's credential is replaced per invocation: read it anew each time.
function credentialForThisInvocation() {
  const file = process.env.HEARTH_CREDENTIAL_FILE;
  if (!file) return;
  try {
    process.env.HEARTH_CREDENTIAL = fs.readFileSync(file, 'utf8');
  } catch (error) {
    delete process.env.HEARTH_CREDENTIAL;
  }
}

function loadHandler(spec) {
  const dot = spec.lastIndexOf('.');
  if (dot <= 0) throw new Error(`handler '${spec}' is not module.function`);
  const root = process.env.HEARTH_PORTION_ROOT || process.cwd();
  const handler = require(path.resolve(root, spec.slice(0, dot)))[spec.slice(dot + 1)];
  if (typeof handler !== 'function') throw new Error(`handler '${spec}' is not a function`);
  return handler;
}

// In a trusted portion the egress relay (a process of its own, runtimes/python3/egress_relay.py)
// starts beside this runtime rather than before it, so that a cold start does not wait for it:
// the runtime waits for it to listen before it loads the function, whose code may reach out.
async function egressRelayListening() {
  const port = process.env.HEARTH_EGRESS_RELAY_PORT;
  delete process.env.HEARTH_EGRESS_RELAY_PORT;
  if (!port) return;
  const listening = ` 0100007F:${Number(port).toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A `;
  for (let i = 0; i < 2500; i++) {
    if (fs.readFileSync('/proc/net/tcp', 'latin1').includes(listening)) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`hearth: the egress relay on port ${port} did not start`);
}

async function main() {
  await egressRelayListening();
  let handler;
  try {
    handler = loadHandler(process.env._HANDLER);
  } catch (error) {
    console.error(error);
    await call('POST', '/init/error', errorDocument(error),
      { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' });
    process.exit(1);
  }
  for (;;) {
    const { response, body } = await call('GET', '/invocation/next');
    const requestId = response.headers['lambda-runtime-aws-request-id'];
    const deadline = Number(response.headers['lambda-runtime-deadline-ms'] || 0);
    const context = {
      awsRequestId: requestId,
      invokedFunctionArn: response.headers['lambda-runtime-invoked-function-arn'],
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      invokePortion,
    };
    credentialForThisInvocation();
    let result;
    let failure;
    try {
      result = await handler(body ? JSON.parse(body) : null, context);
    } catch (error) {
      console.error(error);
      failure = error;
    }
    delete process.env.HEARTH_CREDENTIAL;
    if (failure === undefined) {
      await call('POST', `/invocation/${requestId}/response`, JSON.stringify(result === undefined ? null : result));
    } else {
      await call('POST', `/invocation/${requestId}/error`, errorDocument(failure),
        { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
