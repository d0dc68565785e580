import { typo } from '../tests/helpers/typo.js';
const r = await typo(process.argv[2]!);
if (process.argv[3] === '--json') console.log(JSON.stringify(r, null, 1)); else console.log(r.summary);
