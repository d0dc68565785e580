// Sends one EPUB's path to the run's epubcheck (tests/setup/epubcheck-server.ts) and prints
// the JSON it answers: a child process, so that tests/helpers/epubcheck.ts can stay synchronous.
import net from 'node:net';

const [socket, epub] = process.argv.slice(2);
let answer = '';
const connection = net.createConnection(socket, () => connection.write(`${epub}\n`));
connection.setEncoding('utf8');
connection.on('data', (chunk) => (answer += chunk));
connection.on('end', () => process.stdout.write(answer));
connection.on('error', (cause) => {
  process.stderr.write(`epubcheck server at ${socket}: ${cause.message}\n`);
  process.exitCode = 2;
});
