// Bundled by test/integration/build/bundles.test.ts with the main build's aliases, then run in plain Node: conf,
// as the app carries it, must still read and write stores, and refuse a schema with a message that says why.
import Conf from 'conf';

const cwd = process.argv[2] ?? '.';
const options = { cwd, configName: 'probe', projectName: 'portolan' };
new Conf<Record<string, unknown>>(options).set('lookup', { host: '85.13.139.18', port: 21 });
const back = new Conf<Record<string, unknown>>(options).get('lookup');
let refused = '';
try {
  new Conf<Record<string, unknown>>({ ...options, configName: 'with-schema', schema: { lookup: { type: 'object' } } });
} catch (err) {
  refused = err instanceof Error ? err.message : String(err);
}
console.log(JSON.stringify({ back, refused }));
