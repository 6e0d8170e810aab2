// The kiosk is a client-side page: it pairs with a token kept in localStorage and lives on the socket.
export const ssr = false;
