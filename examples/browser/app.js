// The page's script: reads the form, calls createVpcPeeringInstance, shows the new peering or the error's code.
import { createVpcPeeringInstance } from 'ncloud-vpc-wasm';

const form = document.querySelector('#create');
const output = document.querySelector('#result');
form.querySelector('button').disabled = false; // the wasm is ready once this module runs

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = Object.fromEntries(new FormData(form));
  output.className = '';
  output.textContent = 'creating…';
  try {
    const result = await createVpcPeeringInstance({
      accessKey: values.accessKey,
      secretKey: values.secretKey,
      endpoint: values.endpoint || undefined,
      sourceVpcNo: values.sourceVpcNo,
      targetVpcNo: values.targetVpcNo,
      vpcPeeringName: values.vpcPeeringName || undefined,
    });
    output.textContent = JSON.stringify(result.vpcPeeringInstanceList[0], null, 2);
  } catch (error) {
    // `field` names the option to fix; `status` and `returnCode` come from NCP's answer.
    output.className = 'error';
    output.textContent = JSON.stringify({ code: error.code, message: error.message, field: error.field, status: error.status, returnCode: error.returnCode }, null, 2);
  } finally {
    output.dataset.done = String(Date.now());
  }
});
