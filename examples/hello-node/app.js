module.exports.handler = async (event) => {
  const name = (event && event.name) || 'world';
  console.log(`hello-node: greeting ${name}`);
  return { message: `Hello, ${name}!` };
};
