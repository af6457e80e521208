// One shared "now" for relative times ("2 years ago"), refreshed every 30 seconds rather than per component.
class Clock {
  #now = $state(Date.now());
  constructor() {
    setInterval(() => (this.#now = Date.now()), 30_000);
  }
  get now(): number {
    return this.#now;
  }
}

export const clock = new Clock();
