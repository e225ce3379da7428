// The shoppers' cookie jar: what a Set-Cookie line keeps, replaces and deletes, and the Cookie header it sends.
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../src/shoppers/cookie-jar.ts';

describe('cookie jar', () => {
  it('keeps every cookie by name, value as sent, and sends them in one Cookie header', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(['shop.sid=s%3Aabc.def; Path=/; HttpOnly; SameSite=Lax', 'ss_lb=v1.x-y_z; Path=/; HttpOnly']);
    expect(jar.get('shop.sid')).toBe('s%3Aabc.def');
    expect(jar.names()).toEqual(['shop.sid', 'ss_lb']);
    expect(jar.header()).toBe('shop.sid=s%3Aabc.def; ss_lb=v1.x-y_z');
  });

  it('a string is one line; a newer value replaces the old one in place', () => {
    const jar = new CookieJar();
    jar.store('a=1; Path=/');
    jar.store('b=2');
    jar.store('a=3; Expires=Wed, 01 Jan 2200 00:00:00 GMT');
    expect(jar.header()).toBe('a=3; b=2');
  });

  it('Max-Age=0, a negative Max-Age or an Expires in the past deletes the cookie', () => {
    const jar = new CookieJar();
    jar.store(['a=1', 'b=2', 'c=3', 'd=4']);
    jar.store('a=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    jar.store('b=gone; max-age=-1');
    jar.store('c=; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(jar.names()).toEqual(['d']);
    jar.store('d=; Max-Age=0');
    expect(jar.header()).toBeUndefined();
  });

  it('a future Max-Age or Expires keeps it; an empty value without expiry is kept empty', () => {
    const jar = new CookieJar();
    jar.store(['a=1; Max-Age=60', 'b=2; Expires=Wed, 01 Jan 2200 00:00:00 GMT', 'c=']);
    expect(jar.header()).toBe('a=1; b=2; c=');
  });

  it('ignores a line without a name, and nothing at all', () => {
    const jar = new CookieJar();
    jar.store(undefined);
    jar.store(['novalue', '=orphan; Path=/', '']);
    expect(jar.names()).toEqual([]);
  });

  it('trims the name and the value, keeps "=" inside the value and quotes as sent', () => {
    const jar = new CookieJar();
    jar.store([' a = x=y==; Path=/', 'q="quoted"']);
    expect(jar.get('a')).toBe('x=y==');
    expect(jar.get('q')).toBe('"quoted"');
  });
});
