console.log('relay placeholder');
