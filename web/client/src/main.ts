// The entry point: the styles, and the app started in #app.

import "./styles.css";
import { App } from "./app";

new App(document.getElementById("app")!).start();
