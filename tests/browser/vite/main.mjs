// Vite's entry: the shared app (Vite serves and bundles from this folder, its root).
import '../app/main.mjs';
