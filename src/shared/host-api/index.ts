/**
 * The HostApi: the contract between the renderer and the machine it runs on, its table of
 * calls and events, and the generic pieces every shell builds from that table.
 */
export * from './contract';
export {
  HOST_CALLS,
  HOST_EVENTS,
  isHostCall,
  isHostEvent,
  parseHostCall,
  type HostCall,
  type HostCallArgs,
  type HostCallResult,
  type HostEvent,
  type HostEventPayload,
} from './host-calls';
