import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment: extractive mode, bundled knowledge, port 3000', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ PORT: 3000, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'info' });
    expect(config.OPENAI_API_KEY).toBeUndefined();
  });

  it('treats an empty API key as no key', () => {
    expect(readConfig({ OPENAI_API_KEY: '  ' }).OPENAI_API_KEY).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['OPENAI_BASE_URL', 'not a url'],
    ['MODEL_MAX_RETRIES', '9'],
    ['MAX_MESSAGE_CHARS', '-1'],
  ])('stops start-up on a bad %s naming the variable', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n${name}: `));
  });

  it('listens on loopback by default, with keys off and bounded timeouts', () => {
    expect(readConfig({})).toMatchObject({ HOST: '127.0.0.1', AUTH: 'off', TRUST_PROXY: false, HEADERS_TIMEOUT_MS: 10_000, REQUEST_TIMEOUT_MS: 30_000, SHUTDOWN_GRACE_MS: 10_000 });
  });

  it('requires AUTH=on in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/AUTH: must be "on" when NODE_ENV is production/);
    expect(readConfig({ NODE_ENV: 'production', AUTH: 'on' }).AUTH).toBe('on');
  });

  it.each([
    ['', false],
    ['false', false],
    ['1', 1],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['::1', ['::1']],
  ])('reads TRUST_PROXY=%j', (value, expected) => {
    expect(readConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['true', 'everyone', '10.0.0.0/8/1'])('refuses TRUST_PROXY=%s, naming the variable', (value) => {
    expect(() => readConfig({ TRUST_PROXY: value })).toThrow(/^Invalid configuration:\nTRUST_PROXY: /);
  });

  it.each([
    ['REDIS_URL', 'http://localhost:6379'],
    ['AUTH', 'yes'],
    ['SHUTDOWN_GRACE_MS', '0'],
  ])('stops start-up on a bad %s', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n${name}: `));
  });
});
