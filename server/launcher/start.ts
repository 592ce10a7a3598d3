// npm run start — the same three processes in production mode (next start after `npm run build`;
// voice server and worker without watch).
import { runLauncher } from "./run";

void runLauncher("start");
