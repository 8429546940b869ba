/**
 * What the layout needs to know of the talk room on screen: whether its talk ended while open (the
 * page's data says how it was when loaded). Written only by the room, in the browser.
 */
export const talkRoom = $state({ ended: false });
