// The session cookie's default name, kept apart so config.ts can read it without loading express-session.
export const SESSION_COOKIE = 'shop.sid';
