// The sticky-miss policy in force. Set at start by --sticky-miss and switchable at run time through the admin API
// (POST /sticky-miss), so a demo can compare continue / reject / drop without restarting anything.
import type { StickyMiss } from '../config/config.ts';

export interface MissPolicy {
  current: StickyMiss;
}
