// npm run dev — the app (next dev), the voice server and the worker (tsx watch), with the embedded
// database and queue unless DATABASE_URL / REDIS_URL are set.
import { runLauncher } from "./run";

void runLauncher("dev");
