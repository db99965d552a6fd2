import type { World } from './world';

// Questions about the map that actor kinds ask once, when they are built: who borders whom, the
// nearest district across the border or with a port, a country's main seaport.

/** The districts that share a land border with each district, in district order. */
export function neighbours(world: World): number[][] {
  const K = world.size;
  return Array.from({ length: K }, (_, k) => {
    const near: number[] = [];
    for (let j = 0; j < K; j++) if (world.adjacent[k * K + j]) near.push(j);
    return near;
  });
}

/** Per district: the nearest district (seat to seat) that satisfies `accept`, or -1; ties go to the first. */
function nearestWhere(world: World, accept: (from: number, to: number) => boolean): Int32Array {
  const K = world.size;
  return Int32Array.from({ length: K }, (_, k) => {
    let best = -1;
    for (let j = 0; j < K; j++) {
      if (!accept(k, j)) continue;
      if (best < 0 || world.distanceKm[k * K + j] < world.distanceKm[k * K + best]) best = j;
    }
    return best;
  });
}

/** Per district: the nearest district of the other country. */
export function nearestAcrossBorder(world: World): Int32Array {
  return nearestWhere(world, (k, j) => world.country[j] !== world.country[k]);
}

/** Per district: the nearest district with a major seaport or a minor port (itself if it has one). */
export function nearestPort(world: World): Int32Array {
  return nearestWhere(world, (_, j) => world.majorSeaport[j] > 0 || world.minorPorts[j] > 0);
}

/** A country's main seaport: its district with a major seaport (the most populous if several), or -1. */
export function mainSeaport(world: World, country: number): number {
  let best = -1;
  for (let k = 0; k < world.size; k++) {
    if (world.country[k] !== country || !world.majorSeaport[k]) continue;
    if (best < 0 || world.population[k] > world.population[best]) best = k;
  }
  return best;
}
