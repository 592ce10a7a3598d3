// Test fixture (embedded-db-child.int.test.ts): a stand-in launcher that starts the database process,
// prints its pid and port, then waits to be killed, so the test can see what the orphan does.
import { startEmbeddedDbChild } from "./embedded-db-child";

const [dataDir, password] = process.argv.slice(2);
const child = await startEmbeddedDbChild({ dataDir: dataDir!, port: 0, password: password! });
console.log(JSON.stringify({ pid: child.pid, port: child.port }));
setInterval(() => undefined, 60_000);
