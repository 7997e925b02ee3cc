// Hearth's Node.js runtime: the AWS Lambda Runtime API loop for handlers `module.function`.
//
// Runs inside the sandbox with /usr/bin/node. Requires the handler from the portion's folder
// (module.exports.<function>, sync or async), then asks for events over a keep-alive agent,
// calls handler(event, context) and posts the JSON result, or an error document when it throws.
'use strict';
const http = require('http');
const path = require('path');

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const PREFIX = '/2018-06-01/runtime';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, route, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const request = http.request({
      host, port, method, agent, path: PREFIX + route,
      headers: data ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': data.length } : headers,
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ response, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    // Every hop needs TCP_NODELAY, or small requests wait for delayed ACKs.
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

function loadHandler(spec) {
  const dot = spec.lastIndexOf('.');
  if (dot <= 0) throw new Error(`handler '${spec}' is not module.function`);
  const root = process.env.HEARTH_PORTION_ROOT || process.cwd();
  const handler = require(path.resolve(root, spec.slice(0, dot)))[spec.slice(dot + 1)];
  if (typeof handler !== 'function') throw new Error(`handler '${spec}' is not a function`);
  return handler;
}

async function main() {
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
    };
    try {
      const result = await handler(body ? JSON.parse(body) : null, context);
      await call('POST', `/invocation/${requestId}/response`, JSON.stringify(result === undefined ? null : result));
    } catch (error) {
      console.error(error);
      await call('POST', `/invocation/${requestId}/error`, errorDocument(error),
        { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
