import { describe, expect, it } from 'vitest';
import { groupsOf, platformGroup } from '../../shared/http/moderator-auth';

describe('groupsOf', () => {
  it('reads the groups API Gateway passes as one bracketed string', () => {
    expect(groupsOf({ 'cognito:groups': '[platform-a platform-b]' }))
      .toEqual(['platform-a', 'platform-b']);
  });

  it('reads a single group and a real array alike', () => {
    expect(groupsOf({ 'cognito:groups': 'platform-a' }))
      .toEqual(['platform-a']);
    expect(groupsOf({ 'cognito:groups': ['platform-a', 7, 'platform-b'] }))
      .toEqual(['platform-a', 'platform-b']);
  });

  it('finds no group in a token without the claim', () => {
    expect(groupsOf({ sub: 'x' })).toEqual([]);
    expect(groupsOf({ 'cognito:groups': '[]' })).toEqual([]);
    expect(groupsOf(null)).toEqual([]);
  });
});

describe('platformGroup', () => {
  it('names the group after the platform', () => {
    expect(platformGroup('kids-chat')).toBe('platform-kids-chat');
  });
});
