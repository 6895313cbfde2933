import express from 'express';
import { reportCpuOnRequest } from './http-load.js';

// The baseline: a bare express JSON echo, the fastest a JSON POST can be answered on this machine.
const app = express();
app.post('/echo', express.json(), (request, response) => {
  response.json(request.body);
});
reportCpuOnRequest();
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
