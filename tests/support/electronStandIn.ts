// Stands in for the `electron` module where no Electron binary exists (tests
// under plain Node). It fails loudly if anything actually uses it.
const unavailable = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`electron.${String(property)} is not available under plain Node`);
    },
  },
);
export default unavailable;
export const app = unavailable;
export const ipcMain = unavailable;
export const ipcRenderer = unavailable;
export const contextBridge = unavailable;
