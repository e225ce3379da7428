// Input checks for the JSON API: each failure is a ShopError with a stable code, thrown before anything changes.
import type { Request } from 'express';
import { findProduct, type Product } from '../catalog.ts';
import { ShopError } from '../errors.ts';

export function jsonBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ShopError('SHOP_ERR_INVALID_INPUT', 'expected a JSON object body (Content-Type: application/json)');
  }
  return body as Record<string, unknown>;
}

export function quantity(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ShopError('SHOP_ERR_INVALID_QUANTITY', `quantity must be an integer in ${min}..${max}`);
  }
  return value;
}

export function product(id: unknown): Product {
  if (typeof id !== 'string' || id.length === 0) {
    throw new ShopError('SHOP_ERR_INVALID_INPUT', 'productId must be a non-empty string');
  }
  const found = findProduct(id);
  if (!found) {
    throw new ShopError('SHOP_ERR_PRODUCT_NOT_FOUND', `no product with id ${JSON.stringify(id.slice(0, 64))}`);
  }
  return found;
}

export function displayName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (name.length < 1 || name.length > 40 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new ShopError('SHOP_ERR_INVALID_INPUT', 'name must be 1..40 printable characters');
  }
  return name;
}

export function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new ShopError('SHOP_ERR_INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1..128 visible ASCII characters');
  }
  return key;
}
