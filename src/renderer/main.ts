document.getElementById('app')!.textContent = 'Duet';
