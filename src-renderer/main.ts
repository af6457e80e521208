import { mount } from 'svelte';
import App from './App.svelte';
import { warmDetailView } from './features/detail/warm-up';
import { whenIdle } from './lib/when-idle';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
// Once the app is up and idle, so that the first lookup's detail does not also pay for compiling its code.
whenIdle(warmDetailView, 2000);
