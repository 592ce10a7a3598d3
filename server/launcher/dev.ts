// npm run dev — the app (Next.js in dev mode behind server/app/main.ts), the voice server and the worker (tsx watch), with the embedded
// database and queue unless DATABASE_URL / REDIS_URL are set.
import { runLauncher } from "./run";

void runLauncher("dev");
