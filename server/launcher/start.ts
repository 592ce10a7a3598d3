// npm run start — the same three processes in production mode (server/app/main.ts serving the build from `npm run build`;
// voice server and worker without watch).
import { runLauncher } from "./run";

void runLauncher("start");
