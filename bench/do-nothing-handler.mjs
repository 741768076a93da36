// The yardstick of the cold-start benchmark: a Lambda handler that does nothing but answer. It
// sends the same PUT to the ResponseURL as the real handler, run by the same invoker in the same
// kind of fresh process, so that a cold event's time can be read as a multiple of this one.
//
// node:http comes through require(), as in the handler bundle (scripts/bundle-handler.mjs): an ES
// module import of it costs Node.js 24 about 25 ms more (it loads undici), which would flatter the
// handler's ratio.
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http');

export async function handler(event) {
  const body = JSON.stringify({
    Status: 'SUCCESS',
    PhysicalResourceId: event.RequestId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: false,
  });
  await new Promise((resolve, reject) => {
    const request = http.request(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', resolve);
    });
    request.on('error', reject);
    request.end(body);
  });
}
