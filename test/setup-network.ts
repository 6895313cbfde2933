import nock from 'nock';

// Tests never reach the network: only loopback (our own servers on a port) is allowed.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
