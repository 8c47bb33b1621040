import { describe, expect, it } from 'vitest';
import { channelName, lockName } from './cross-tab';
import { databaseName } from '../store/db';

describe('cross-tab names', () => {
  it('differ between copies of the app under different paths (their databases differ)', () => {
    const root = databaseName('/');
    const tools = databaseName('/tools/cape-prep/');
    expect(lockName(root)).not.toBe(lockName(tools));
    expect(channelName(root)).not.toBe(channelName(tools));
  });
});
