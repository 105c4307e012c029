/** A customer and an address whose every part is a string found nowhere else, to prove where personal data does not go. */
export const MARKED_CUSTOMER = { name: 'Quillon Marrowby', email: 'q.marrowby@privacy-marker.example', phone: '+447700900461' };

/** An address marked like {@link MARKED_CUSTOMER}. */
export const MARKED_ADDRESS = { line1: '17 Zephyrine Wharf', line2: 'Loft Vexmoor', city: 'Pellingtor', postalCode: 'ZX9 4QQ', country: 'GB' };

/** Pieces of the marked customer and address: none may appear where personal data must not. */
export const PERSONAL_MARKERS = ['Quillon', 'Marrowby', 'q.marrowby', 'privacy-marker', '7700900461', 'Zephyrine', 'Vexmoor', 'Pellingtor', 'ZX9 4QQ'];
