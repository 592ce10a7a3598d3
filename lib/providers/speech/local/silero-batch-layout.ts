// The Silero v5 model's shapes at 8 kHz (shared by the batcher, its engines and the worker thread).
export const SILERO_WINDOW = 256;
export const SILERO_CONTEXT = 32;
export const SILERO_INPUT = SILERO_CONTEXT + SILERO_WINDOW;
export const SILERO_STATE = 128; // per layer, per row; 2 layers
