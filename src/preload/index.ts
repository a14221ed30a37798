import { contextBridge, ipcRenderer } from 'electron';
import { createDuetBridge } from './duet-bridge';

// Sandboxed preload: only contextBridge and ipcRenderer. The page gets plain functions,
// never ipcRenderer itself.
contextBridge.exposeInMainWorld('duet', createDuetBridge(ipcRenderer));
