/**
 * Who makes room when a knock arrives at a full lobby: the newest knock of the address
 * holding the most places, if it holds at least two more than the newcomer's address would.
 * So one address (or a few) cannot keep the lobby full against a real candidate: to fill
 * it against a newcomer, an attacker needs as many addresses as the lobby has places.
 */
export function lobbyVictim<K extends { readonly ip: string }>(knocks: Iterable<K>, newcomerIp: string): K | undefined {
  const byIp = new Map<string, K[]>();
  for (const knock of knocks) {
    const list = byIp.get(knock.ip);
    if (list === undefined) byIp.set(knock.ip, [knock]);
    else list.push(knock);
  }
  const newcomer = byIp.get(newcomerIp)?.length ?? 0;
  let crowded: K[] | undefined;
  for (const list of byIp.values()) if (crowded === undefined || list.length > crowded.length) crowded = list;
  if (crowded === undefined || crowded.length < newcomer + 2) return undefined;
  return crowded.at(-1);
}
