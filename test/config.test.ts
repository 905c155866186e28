import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has no health server unless HEALTH_PORT is set, and listens on 127.0.0.1 by default', () => {
    const config = loadConfig({});
    expect(config.HEALTH_PORT).toBeUndefined();
    expect(config.HEALTH_HOST).toBe('127.0.0.1');
    expect(loadConfig({ HEALTH_PORT: '8080', HEALTH_HOST: '0.0.0.0' })).toMatchObject({ HEALTH_PORT: 8080, HEALTH_HOST: '0.0.0.0' });
    expect(loadConfig({ HEALTH_PORT: ' ' }).HEALTH_PORT).toBeUndefined();
  });

  it.each(['eighty', '65536', '-1', '80.5'])('rejects HEALTH_PORT=%s with one line naming it', (value) => {
    expect(() => loadConfig({ HEALTH_PORT: value })).toThrow(ConfigError);
    try {
      loadConfig({ HEALTH_PORT: value });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^HEALTH_PORT: must be a port number from 0 to 65535/)]);
    }
  });
});
