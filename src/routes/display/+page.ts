// The board is a client-side page: it pairs with a token from localStorage and lives on the socket.
export const ssr = false;
