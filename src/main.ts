import { mount } from 'svelte';
import App from './App.svelte';
import { appUpdate } from './ui/app-update.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

appUpdate.start();

export default mount(App, { target });
