import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { applyDisplay } from "./lib/display.svelte";

applyDisplay();
const target = document.getElementById("app");
if (target) mount(App, { target });
