// The workshop's exercises: number, folder, title and the check that proves each one. Data, not logic.
import type { Tally } from './tally.ts';
import { check as check01 } from './checks/01-where-is-the-cart.ts';
import { check as check02 } from './checks/02-kill-a-node.ts';
import { check as check03 } from './checks/03-migrate-the-cart.ts';
import { check as check04 } from './checks/04-the-race.ts';
import { check as check05 } from './checks/05-scale-out.ts';
import { check as check06 } from './checks/06-redis-spof.ts';
import { check as check07 } from './checks/07-sticky-done-right.ts';
import { check as check08 } from './checks/08-redis-fails-over.ts';
import { check as check09 } from './checks/09-balancer-is-stateful.ts';
import { check as check10 } from './checks/10-replicate-the-cart.ts';

export interface Exercise {
  readonly number: string;
  readonly slug: string;
  readonly title: string;
  /** `dir`: the folder checked, the trainee's exercise or its solution. */
  readonly check: (t: Tally, dir: string) => Promise<void>;
}

export const EXERCISES: readonly Exercise[] = Object.freeze([
  { number: '01', slug: '01-where-is-the-cart', title: 'Where does the cart live?', check: check01 },
  { number: '02', slug: '02-kill-a-node', title: 'Kill a node', check: check02 },
  { number: '03', slug: '03-migrate-the-cart', title: 'Migrate the cart to Redis', check: check03 },
  { number: '04', slug: '04-the-race', title: 'The race', check: check04 },
  { number: '05', slug: '05-scale-out', title: 'Scale out', check: check05 },
  { number: '06', slug: '06-redis-spof', title: 'Redis is now your single point of failure', check: check06 },
  {
    number: '07', slug: '07-sticky-done-right', title: 'Sticky done right: drain, and the sticky-miss policy',
    check: check07,
  },
  { number: '08', slug: '08-redis-fails-over', title: 'Redis fails over', check: check08 },
  { number: '09', slug: '09-balancer-is-stateful', title: 'The balancer is stateful too', check: check09 },
  { number: '10', slug: '10-replicate-the-cart', title: 'Replicate the cart', check: check10 },
]);
