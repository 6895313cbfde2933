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
});
