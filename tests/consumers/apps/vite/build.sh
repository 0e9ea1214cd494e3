vite build
