import { contextBridge } from 'electron'; contextBridge.exposeInMainWorld('duet', {});
