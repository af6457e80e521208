import { PortolanFailure } from '../../../src-main/core/failure';
import type { PortolanError } from '../../../src-shared/views';

/** Runs fn and returns the PortolanError it threw; fails the test when it did not throw one. */
export function errorOf(fn: () => unknown): PortolanError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PortolanFailure) return err.error;
    throw err;
  }
  throw new Error('expected a PortolanFailure');
}

export async function asyncErrorOf(p: Promise<unknown>): Promise<PortolanError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PortolanFailure) return err.error;
    throw err;
  }
  throw new Error('expected a PortolanFailure');
}
