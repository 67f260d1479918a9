// Node ESM: the CommonJS entry's instance, so `import` and `require` in one process share it.
export * from './node.cjs';
