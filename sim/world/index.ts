// The map: districts, distances, borders and ports, and the questions actors ask of it.
export { BE, buildWorld, COUNTRIES, haversineKm, NL, type Country, type DistrictRow, type World } from './world';
export { mainSeaport, nearestAcrossBorder, nearestPort, neighbours } from './queries';
