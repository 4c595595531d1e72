export function App() {
  return (
    <main>
      <h1>Backdoor Lab</h1>
      <p>Federated meta-learning under attack. The interactive lab is being built.</p>
    </main>
  );
}
