import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { UpdateBanner } from './UpdateBanner.js';
import { registerServiceWorker, whenControlled } from './register-sw.js';
import { travel } from './travel-client.js';
import './app.css';

if (import.meta.env.PROD) registerServiceWorker();
// For the console and the end-to-end tests: the travel cache's client.
Object.assign(window, { ballast: { travel, whenControlled } });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <UpdateBanner />
    <App />
  </StrictMode>,
);
